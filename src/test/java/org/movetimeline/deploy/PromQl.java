package org.movetimeline.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metric and label names a PromQL expression refers to. A tokenizer, not a parser: it knows
 * strings, ranges, label matchers, grouping lists and function calls, which is all a name check needs,
 * and it throws on what it does not know rather than skipping it.
 */
final class PromQl {

    /**
     * Operators and modifiers spelled as words, and the aggregations, which may be followed by {@code by (...)}
     * rather than by their parenthesis; none of them names a metric.
     */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "offset", "bool", "inf", "nan",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    /** Words followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /**
     * What one expression uses: each metric with the label names its matchers test, and the label names
     * of its {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} lists.
     */
    record Names(Map<String, Set<String>> metrics, Set<String> groupingLabels) {
    }

    private final String expr;
    private int pos;
    private final Map<String, Set<String>> metrics = new TreeMap<>();
    private final Set<String> grouping = new TreeSet<>();

    private PromQl(String expr) {
        this.expr = expr;
    }

    static Names names(String expr) {
        PromQl tokenizer = new PromQl(expr);
        tokenizer.run();
        return new Names(tokenizer.metrics, tokenizer.grouping);
    }

    private void run() {
        String lastMetric = null;
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                skipPast('\n');
            } else if (c == '"' || c == '\'' || c == '`') {
                skipString();
                lastMetric = null;
            } else if (c == '[') {
                skipPast(']'); // a range or subquery: durations and Grafana's $__rate_interval
            } else if (c == '$') {
                skipVariable();
                lastMetric = null;
            } else if (c == '{') {
                if (lastMetric == null) {
                    throw fail("a selector without a metric name");
                }
                metrics.get(lastMetric).addAll(matcherLabels());
                lastMetric = null;
            } else if (Character.isDigit(c) || c == '.') {
                while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
                    pos++; // a number or a duration
                }
                lastMetric = null;
            } else if (identifierStart(c)) {
                String word = identifier();
                lastMetric = null;
                if (LABEL_LISTS.contains(word)) {
                    if (next() == '(') {
                        grouping.addAll(labelList());
                    }
                } else if (!KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && next() != '(') {
                    metrics.computeIfAbsent(word, m -> new TreeSet<>());
                    lastMetric = word;
                }
            } else {
                pos++; // an operator, a parenthesis or a comma
                lastMetric = null;
            }
        }
    }

    /** {@code {name="v", other=~"w"}}: the names. */
    private Set<String> matcherLabels() {
        Set<String> labels = new TreeSet<>();
        pos++;
        while (next() != '}') {
            if (!identifierStart(next())) {
                throw fail("a label name expected");
            }
            labels.add(identifier());
            skipWhitespace();
            if (expr.startsWith("=~", pos) || expr.startsWith("!=", pos) || expr.startsWith("!~", pos)) {
                pos += 2;
            } else if (next() == '=') {
                pos++;
            } else {
                throw fail("a label matcher operator expected");
            }
            if (next() != '"' && next() != '\'' && next() != '`') {
                throw fail("a quoted label value expected");
            }
            skipString();
            if (next() == ',') {
                pos++;
            } else if (next() != '}') {
                throw fail("',' or '}' expected");
            }
        }
        pos++;
        return labels;
    }

    /** {@code (a, b)} after by, without, on, ...: the names. */
    private Set<String> labelList() {
        Set<String> labels = new TreeSet<>();
        pos++;
        while (next() != ')') {
            if (!identifierStart(next())) {
                throw fail("a label name expected in a grouping list");
            }
            labels.add(identifier());
            if (next() == ',') {
                pos++;
            }
        }
        pos++;
        return labels;
    }

    /** The next character that is not whitespace, where {@link #pos} now stands; 0 at the end. */
    private char next() {
        skipWhitespace();
        return pos < expr.length() ? expr.charAt(pos) : 0;
    }

    private void skipWhitespace() {
        while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
            pos++;
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < expr.length() && (identifierStart(expr.charAt(pos)) || Character.isDigit(expr.charAt(pos)))) {
            pos++;
        }
        return expr.substring(start, pos);
    }

    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private void skipString() {
        char quote = expr.charAt(pos++);
        while (pos < expr.length() && expr.charAt(pos) != quote) {
            pos += expr.charAt(pos) == '\\' && quote != '`' ? 2 : 1;
        }
        if (pos >= expr.length()) {
            throw fail("an unterminated string");
        }
        pos++;
    }

    private void skipPast(char end) {
        int found = expr.indexOf(end, pos);
        if (found < 0 && end != '\n') {
            throw fail("no closing '" + end + "'");
        }
        pos = found < 0 ? expr.length() : found + 1;
    }

    /** A Grafana variable: {@code $name}, {@code ${name}} or {@code ${name:format}}. */
    private void skipVariable() {
        pos++;
        if (pos < expr.length() && expr.charAt(pos) == '{') {
            skipPast('}');
        } else {
            identifier();
        }
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " at offset " + pos + " of: " + expr);
    }
}
