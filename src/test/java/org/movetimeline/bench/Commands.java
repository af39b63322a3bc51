package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External commands of the chaos soak (pg_ctl, bin/kafka-broker, the user's own stop and start commands). */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command}, its output appended to {@code log}, and waits for it.
     *
     * @throws IOException when it fails, does not end within {@code timeout}, or exits with a status other than 0;
     *                     the message holds the end of the log
     */
    static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        run(command, null, log, timeout);
    }

    /** {@link #run(List, Path, Duration)} in {@code workDir} (null: the current directory). */
    static void run(List<String> command, Path workDir, Path log, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroy(); // the soak is stopping: no half-done command left running
            throw e;
        }
        if (!ended) {
            process.destroyForcibly().waitFor();
            throw new IOException(String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + process.exitValue() + "; see "
                    + log + ":\n" + tail(log, 15));
        }
    }

    /** {@code bash -c line}, for commands a user gave as one line. */
    static void shell(String line, Path log, Duration timeout) throws IOException, InterruptedException {
        run(List.of("bash", "-c", line), log, timeout);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
