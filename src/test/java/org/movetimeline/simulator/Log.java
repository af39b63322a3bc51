package org.movetimeline.simulator;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One-line log messages on stderr. Not java.util.logging: the simulator is a command-line tool
 * whose last words come from a shutdown hook, and JUL resets its handlers in its own shutdown
 * hook, racing ours; a plain stream has no such race and needs no configuration.
 */
public final class Log {

    private static final PrintStream OUT = System.err;

    private Log() {
    }

    public static void info(String message) {
        write("INFO ", message);
    }

    public static void warn(String message) {
        write("WARN ", message);
    }

    public static void error(String message, Throwable cause) {
        write("ERROR", message + ": " + cause);
    }

    private static void write(String level, String message) {
        OUT.println(Instant.now() + " " + level + " [" + Thread.currentThread().getName() + "] " + message);
    }
}
