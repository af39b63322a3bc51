package org.movetimeline.admin;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param reason part of the {@code move-reason} header, in any case
 * @param tenant whose they are (MOVE's {@code project}, Sentiance's {@code app}); in an answer under its parameter's name
 * @param source the {@code move-source} header: receiver or ingest
 */
@RegisterForReflection // written by Jackson outside the REST layer
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DlqFilter(String reason, @JsonIgnore Tenant tenant, String source) {

    static final DlqFilter ALL = new DlqFilter(null, null, null);
    private static final Set<String> SOURCES = Set.of(FailureRecords.SOURCE_RECEIVER, FailureRecords.SOURCE_INGEST);

    /** @param id as {@code tenancy} reads it from a record, so that equal tenants are equal objects */
    record Tenant(Tenancy tenancy, Object id) {
    }

    /** A filter of MOVE's DLQ, whose tenants are projects. */
    static DlqFilter parse(Map<String, List<String>> parameters) {
        return parse(parameters, Tenancy.PROJECT);
    }

    /**
     * A misspelt parameter is refused rather than ignored: a replay that ignored it would replay everything.
     *
     * @throws IllegalArgumentException saying what is wrong with the parameters
     */
    static DlqFilter parse(Map<String, List<String>> parameters, Tenancy tenancy) {
        Set<String> known = Set.of("reason", tenancy.parameter, "source");
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!known.contains(p.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + p.getKey() + "': the filters are reason, "
                        + tenancy.parameter + " and source");
            }
            if (p.getValue().size() != 1 || p.getValue().get(0).isBlank()) {
                throw new IllegalArgumentException("give " + p.getKey() + " once, with a value");
            }
        }
        String tenant = single(parameters, tenancy.parameter);
        String source = single(parameters, "source");
        if (source != null && !SOURCES.contains(source)) {
            throw new IllegalArgumentException("source is one of " + SOURCES + ", not '" + source + "'");
        }
        return new DlqFilter(single(parameters, "reason"), tenant == null ? null : new Tenant(tenancy, tenancy.parse(tenant)),
                source);
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    boolean matches(DeadLetter letter) {
        return (reason == null || (letter.reason() != null
                && letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))))
                && (tenant == null || tenant.id().equals(letter.tenant()))
                && (source == null || source.equals(letter.source()));
    }

    /** The tenant under its parameter's name: {@code "project":1000}, {@code "app":"app-a"}. */
    @JsonAnyGetter
    Map<String, Object> tenantByName() {
        return tenant == null ? Map.of() : Map.of(tenant.tenancy().parameter, tenant.id());
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
        if (tenant != null) {
            s.append(' ').append(tenant.tenancy().parameter).append('=').append(tenant.id());
        }
        if (source != null) {
            s.append(" source=").append(source);
        }
        return s.substring(1);
    }
}
