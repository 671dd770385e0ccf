package io.minicrm.adapter.http.problem;

/**
 * Errors the JVM cannot recover from ({@link VirtualMachineError}: out of memory, stack overflow) that a
 * request ran into are handed to the process's default uncaught-exception handler, which decides what to do
 * (the Mini CRM server logs and exits, so a supervisor restarts it, instead of serving on half-dead). The HTTP
 * server itself would otherwise answer a 500 and carry on.
 */
public final class FatalErrors {
    private FatalErrors() {
    }

    /** Reports {@code t} (or a cause of it) when it is a {@link VirtualMachineError}; otherwise does nothing. */
    public static void report(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof VirtualMachineError fatal) {
                Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
                if (handler != null) {
                    handler.uncaughtException(Thread.currentThread(), fatal);
                }
                return;
            }
        }
    }
}
