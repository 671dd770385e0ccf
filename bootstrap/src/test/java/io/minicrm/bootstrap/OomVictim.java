package io.minicrm.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * A program that runs out of memory the way a server does, for {@link OutOfMemoryGuardTest} (run in its own
 * JVM with a small heap): {@code swallowed} - a worker keeps allocating and catches every OutOfMemoryError
 * (as libraries and thread pools do), so only the heap watchdog can notice; {@code uncaught} - the error
 * escapes a thread. Prints "ready" once guarded; without the guard it would run (half-dead) until killed.
 */
public final class OomVictim {
    private OomVictim() {
    }

    public static void main(String[] args) throws Exception {
        OutOfMemoryGuard.install(Integer.parseInt(args[1]));
        System.out.println("ready");
        System.out.flush();
        List<byte[]> hoard = new ArrayList<>();
        Thread worker = new Thread(() -> {
            while (true) {
                try {
                    hoard.add(new byte[256 * 1024]);
                } catch (OutOfMemoryError e) {
                    if (args[0].equals("uncaught")) {
                        throw e;
                    }
                    // swallowed: the worker goes on as if nothing happened
                }
            }
        }, "hoarder");
        worker.start();
        Thread.sleep(60_000);
        System.out.println("still alive after 60 s");
        System.exit(0);
    }
}
