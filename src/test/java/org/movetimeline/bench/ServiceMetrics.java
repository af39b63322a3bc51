package org.movetimeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service process's {@code /q/metrics} (Prometheus text format). The fault phases read the
 * service's own counters and gauges rather than guess them from outside: the adaptive limit exists only in
 * the process, and dead-lettered or retried items leave no row to count.
 */
record ServiceMetrics(String text) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static ServiceMetrics scrape(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("/q/metrics on :" + port + " answered " + answer.statusCode());
        }
        return new ServiceMetrics(answer.body());
    }

    /**
     * The sum over every sample of {@code name} whose labels include all of {@code labels} (so a counter split
     * by outcome can be added up, or one outcome picked); 0 if there is none, as for a counter never touched.
     */
    double sum(String name, Map<String, String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int braceOrSpace = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            if (braceOrSpace != name.length()) {
                continue; // a longer name that starts with this one
            }
            Map<String, String> sampleLabels = new HashMap<>();
            int end = line.lastIndexOf('}');
            if (line.charAt(braceOrSpace) == '{' && end > braceOrSpace) {
                Matcher m = LABEL.matcher(line.substring(braceOrSpace + 1, end));
                while (m.find()) {
                    sampleLabels.put(m.group(1), m.group(2));
                }
            }
            if (sampleLabels.entrySet().containsAll(labels.entrySet())) {
                String[] rest = line.substring(Math.max(end + 1, braceOrSpace)).trim().split("\\s+");
                total += Double.parseDouble(rest[0]);
            }
        }
        return total;
    }

    double sum(String name) {
        return sum(name, Map.of());
    }
}
