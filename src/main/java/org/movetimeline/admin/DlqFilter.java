package org.movetimeline.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.movetimeline.topics.FailureRecords;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which dead letters an admin call is about, from its query parameters; no parameter means all of them.
 *
 * @param reason  part of the {@code move-reason} header, in any case
 * @param project the projectId of the record's key
 * @param source  the {@code move-source} header: receiver or ingest
 */
@RegisterForReflection // written by Jackson outside the REST layer
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DlqFilter(String reason, Integer project, String source) {

    static final DlqFilter ALL = new DlqFilter(null, null, null);
    private static final Set<String> PARAMETERS = Set.of("reason", "project", "source");
    private static final Set<String> SOURCES = Set.of(FailureRecords.SOURCE_RECEIVER, FailureRecords.SOURCE_INGEST);

    /**
     * A misspelt parameter is refused rather than ignored: a replay that ignored it would replay everything.
     *
     * @throws IllegalArgumentException saying what is wrong with the parameters
     */
    static DlqFilter parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + p.getKey() + "': the filters are reason, project and source");
            }
            if (p.getValue().size() != 1 || p.getValue().get(0).isBlank()) {
                throw new IllegalArgumentException("give " + p.getKey() + " once, with a value");
            }
        }
        String reason = single(parameters, "reason");
        String project = single(parameters, "project");
        String source = single(parameters, "source");
        if (source != null && !SOURCES.contains(source)) {
            throw new IllegalArgumentException("source is one of " + SOURCES + ", not '" + source + "'");
        }
        try {
            return new DlqFilter(reason, project == null ? null : Integer.valueOf(project.strip()), source);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("project is a MOVE projectId (an integer), not '" + project + "'");
        }
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    boolean matches(DeadLetter letter) {
        return (reason == null || (letter.reason() != null
                && letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))))
                && (project == null || project.equals(letter.project()))
                && (source == null || source.equals(letter.source()));
    }

    @Override
    public String toString() {
        if (this.equals(ALL)) {
            return "all";
        }
        StringBuilder s = new StringBuilder();
        if (reason != null) {
            s.append(" reason~'").append(reason).append('\'');
        }
        if (project != null) {
            s.append(" project=").append(project);
        }
        if (source != null) {
            s.append(" source=").append(source);
        }
        return s.substring(1);
    }
}
