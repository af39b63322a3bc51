package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the bench commands print while they run, and the machine line of their reports. */
final class Console {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {
    }

    /** One progress line on stdout, with the time of day in front. */
    static void say(String line) {
        System.out.println(LocalTime.now().format(CLOCK) + " " + line);
    }

    /** CPU, cores, memory and Java of this machine, one sentence. */
    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").findFirst().orElse("?");
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %s RAM; Java %s (%s).", cpu,
                Runtime.getRuntime().availableProcessors(), memory, System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }
}
