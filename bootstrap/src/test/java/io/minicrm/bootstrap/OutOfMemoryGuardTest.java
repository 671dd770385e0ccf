package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Out of memory, the process exits (code 3) for its supervisor to restart it, whether the error escapes a
 * thread or is swallowed by one (then the heap watchdog notices), without any JVM flag.
 */
class OutOfMemoryGuardTest {

    private static Process victim(String mode, String gc) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx48m", gc, "-cp", System.getProperty("java.class.path"),
                OomVictim.class.getName(), mode, "97").redirectErrorStream(true).start();
    }

    private static void assertExitsForTheSupervisor(String mode, String gc) throws Exception {
        Process p = victim(mode, gc);
        boolean ended = p.waitFor(45, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("ended by itself: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(OutOfMemoryGuard.EXIT_CODE);
        assertThat(output).contains("ready").contains("Mini CRM is out of memory").doesNotContain("still alive");
    }

    @Test
    void anOutOfMemoryErrorEscapingAThread_endsTheProcessWithExitCode3() throws Exception {
        assertExitsForTheSupervisor("uncaught", "-XX:+UseG1GC");
    }

    @Test
    void anOutOfMemoryErrorSwallowedByAWorker_endsTheProcess_underEitherCollector() throws Exception {
        assertExitsForTheSupervisor("swallowed", "-XX:+UseG1GC");
        // with the serial collector nothing escapes the worker: only the heap watchdog can see it
        assertExitsForTheSupervisor("swallowed", "-XX:+UseSerialGC");
    }

    @Test
    void otherUncaughtErrors_goToTheHandlerThatWasThere_andDoNotHalt() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        AtomicInteger halts = new AtomicInteger();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            List<String> watched = new OutOfMemoryGuard(status -> halts.incrementAndGet(),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).installHere(0);
            assertThat(watched).as("no watchdog at 0").isEmpty();
            Thread t = new Thread(() -> {
                throw new IllegalStateException("boom");
            });
            t.start();
            t.join();
            assertThat(halts.get()).isZero();
            Thread oom = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            });
            oom.start();
            oom.join();
            assertThat(halts.get()).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("exiting with code 3");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
