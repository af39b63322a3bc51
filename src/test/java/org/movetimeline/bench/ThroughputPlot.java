package org.movetimeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** An SVG of the closed-loop phases: items/s (top) and p50/p99 latency (bottom) against callers. */
final class ThroughputPlot {

    private static final int WIDTH = 640;
    private static final int CHART_HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;

    private final List<PhaseResult> phases;

    ThroughputPlot(List<PhaseResult> phases) {
        this.phases = phases;
    }

    String svg() {
        StringBuilder svg = new StringBuilder();
        int height = 2 * (CHART_HEIGHT + TOP + 40);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH, height));
        chart(svg, 0, "items/s acknowledged", List.of(new Series("items/s", "#1f77b4", PhaseResult::itemsPerSecond)));
        chart(svg, CHART_HEIGHT + TOP + 40, "acknowledgement latency (ms)", List.of(
                new Series("p50", "#2ca02c", PhaseResult::p50Millis),
                new Series("p99", "#d62728", PhaseResult::p99Millis)));
        return svg.append("</svg>\n").toString();
    }

    private record Series(String name, String color, ToDoubleFunction<PhaseResult> value) {
    }

    private void chart(StringBuilder svg, int y0, String title, List<Series> series) {
        double max = phases.stream().flatMapToDouble(p -> series.stream().mapToDouble(s -> s.value().applyAsDouble(p)))
                .max().orElse(1);
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int baseline = y0 + TOP + CHART_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, y0 + 18, title));
        for (int i = 0; i <= 4; i++) {
            int y = baseline - i * CHART_HEIGHT / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,.0f</text>%n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, top * i / 4));
        }
        for (int i = 0; i < phases.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x(i, plotWidth), baseline + 16, phases.get(i).concurrency()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent callers</text>%n",
                LEFT + plotWidth / 2, baseline + 32));
        int legendX = WIDTH - RIGHT - 80 * series.size();
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < phases.size(); i++) {
                double y = baseline - line.value().applyAsDouble(phases.get(i)) / top * CHART_HEIGHT;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, plotWidth), y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        x(i, plotWidth), y, line.color()));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), line.color()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 80 * s, y0 + 13, line.color(),
                    legendX + 80 * s + 16, y0 + 18, line.name()));
        }
    }

    private double x(int index, int plotWidth) {
        return LEFT + (phases.size() == 1 ? plotWidth / 2.0 : index * plotWidth / (double) (phases.size() - 1));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}, so grid labels are round. */
    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
