package io.minicrm.bootstrap;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Makes the server exit, so that its supervisor restarts it, when the JVM runs out of memory, instead of
 * staying up half-dead (threads dying one by one, {@code /ready} never answering, SIGTERM hanging).
 * {@code -XX:+ExitOnOutOfMemoryError} does exactly this, but HotSpot does not let a running program switch it
 * on (it is not a "manageable" flag), and {@code java -jar minicrm.jar} should be safe without it. So:
 * <ul>
 *   <li>an {@link OutOfMemoryError} nobody catches (and one the HTTP server or a queue consumer reports, see
 *       {@code FatalErrors}) halts the process at once with exit code {@value #EXIT_CODE};</li>
 *   <li>a heap watchdog halts it when a heap pool is still above {@code percent} % of its maximum right after a
 *       garbage collection: the point where the JVM can only thrash towards an out-of-memory error that some
 *       library may swallow.</li>
 * </ul>
 * {@link Runtime#halt} is used, not {@link System#exit}: shutdown hooks may need memory or locks a
 * half-dead JVM no longer has. Nothing acknowledged is lost (a 2xx means the store has it).
 */
public final class OutOfMemoryGuard {
    /** The exit code of a process halted for lack of memory. */
    public static final int EXIT_CODE = 3;

    /** What ends the process (tests replace it). */
    @FunctionalInterface
    interface Halt {
        void halt(int status);
    }

    private final Halt halt;
    private final PrintStream err;
    /** Memory given back when the end comes, so that saying why and halting have room to run. */
    private volatile byte[] reserve = new byte[512 * 1024];
    /** Set to ask {@link #exiter} to halt; set back by it once the halt returned (only a test's halt returns). */
    private volatile boolean exitRequested;
    private volatile boolean exitReturned;
    /**
     * A thread started in advance that only halts. The heap watchdog's listener runs on the JVM's notification
     * thread, and a halt called from there was seen to hang while another thread kept running out of memory;
     * an ordinary thread, ready before memory ran out, halts in that state.
     */
    private Thread exiter;

    OutOfMemoryGuard(Halt halt, PrintStream err) {
        this.halt = halt;
        this.err = err;
    }

    /**
     * Installs the guard in this JVM.
     * @param percent heap watchdog threshold, 1..99 (% of a pool's maximum after a collection); 0 or 100: no watchdog
     * @return the heap pools watched
     */
    public static List<String> install(int percent) {
        return new OutOfMemoryGuard(Runtime.getRuntime()::halt, System.err).installHere(percent);
    }

    List<String> installHere(int percent) {
        try {
            // the halt path must not need a class initialised for the first time when no memory is left
            Class.forName("java.lang.Shutdown");
        } catch (ClassNotFoundException | LinkageError ignored) {
            // another JVM: nothing to prepare
        }
        exiter = new Thread(this::haltWhenAsked, "out-of-memory-exit");
        exiter.setDaemon(true);
        exiter.setPriority(Thread.MAX_PRIORITY);
        exiter.start();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (isOutOfMemory(e)) {
                outOfMemory(thread); // allocates nothing before the halt is certain
                return;
            }
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                err.println("Exception in thread \"" + thread.getName() + "\" " + e);
            }
        });
        return percent > 0 && percent < 100 ? watchHeap(percent) : List.of();
    }

    private List<String> watchHeap(int percent) {
        List<String> watched = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            // the old generation (or a collector's single heap pool): young pools are full after a GC by design
            boolean young = pool.getName().contains("Eden") || pool.getName().contains("Survivor");
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0 && !young) {
                pool.setCollectionUsageThreshold(max / 100 * percent);
                watched.add(pool.getName());
            }
        }
        NotificationListener listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                heapExhausted(notification, percent);
            }
        };
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
        return watched;
    }

    private static final byte[] FALLBACK = ("Mini CRM is out of memory; exiting with code " + EXIT_CODE
            + " so that its supervisor restarts it.\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String ADVICE = "; exiting with code " + EXIT_CODE
            + " so that its supervisor restarts it. Give it more heap (-Xmx) or lower the load.";

    // Both paths below run with (almost) no memory left: nothing may allocate outside the try whose finally halts.

    private void outOfMemory(Thread thread) {
        reserve = null;
        try {
            err.println("Mini CRM is out of memory (in thread " + thread.getName() + ")" + ADVICE);
            err.flush();
        } catch (Throwable noMemory) {
            fallback();
        } finally {
            haltOnTheExitThread();
        }
    }

    private void heapExhausted(javax.management.Notification notification, int percent) {
        reserve = null;
        try {
            MemoryNotificationInfo info = MemoryNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            err.println("Mini CRM is out of memory (heap pool \"" + info.getPoolName() + "\" is still at "
                    + info.getUsage().getUsed() / (1024 * 1024) + " MB of " + info.getUsage().getMax() / (1024 * 1024)
                    + " MB after a garbage collection: over " + percent + " %, CRM_HEAP_EXIT_PERCENT)" + ADVICE);
            err.flush();
        } catch (Throwable noMemory) {
            fallback();
        } finally {
            haltOnTheExitThread();
        }
    }

    /**
     * Has the exit thread halt, and waits for it; when it has not halted within 2 s, halts from here too.
     * Allocates nothing.
     */
    private void haltOnTheExitThread() {
        exitReturned = false;
        exitRequested = true;
        LockSupport.unpark(exiter);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!exitReturned && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(10_000_000L);
        }
        if (!exitReturned) {
            haltEvenWithoutMemory();
        }
    }

    private void haltWhenAsked() {
        while (true) {
            while (!exitRequested) {
                LockSupport.park(this);
            }
            exitRequested = false;
            haltEvenWithoutMemory();
            exitReturned = true;
        }
    }

    /**
     * Halts; when halting itself fails for lack of memory (the JVM's exit path may allocate, and a thread that
     * swallows its OutOfMemoryErrors takes every byte freed), tries again until it goes through. A halt that
     * returns (a test's) ends the attempts.
     */
    private void haltEvenWithoutMemory() {
        while (true) {
            try {
                halt.halt(EXIT_CODE);
                return;
            } catch (Throwable noMemory) {
                Thread.onSpinWait();
            }
        }
    }

    private void fallback() {
        try {
            err.write(FALLBACK, 0, FALLBACK.length);
            err.flush();
        } catch (Throwable ignored) {
            // nothing more to try
        }
    }

    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
