package org.movetimeline.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.timeline.WebhookSignature;

import javax.crypto.spec.SecretKeySpec;
import java.util.List;
import java.util.Optional;

/** Proves a body came from MOVE: its {@link WebhookSignature} matches one of the configured secrets. */
@ApplicationScoped
public class SignatureVerifier {

    private final List<SecretKeySpec> keys;

    @Inject
    public SignatureVerifier(MoveConfig config) {
        this(config.webhook().secrets().orElse(List.of()));
    }

    SignatureVerifier(List<String> secrets) {
        this.keys = secrets.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(WebhookSignature::key)
                .toList();
    }

    /** Checks the raw bytes against every configured secret, so old and new both pass during a rotation. */
    public Verdict verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Optional<byte[]> claimed = WebhookSignature.claimedDigest(header);
        if (claimed.isEmpty()) {
            return Verdict.MALFORMED;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // No early exit: the time taken does not tell which secret matched.
            matched |= WebhookSignature.matches(key, body, claimed.get());
        }
        return matched ? Verdict.VALID : Verdict.MISMATCH;
    }

    public enum Verdict {
        VALID(null),
        MISSING("signature-missing"),
        MALFORMED("signature-malformed"),
        MISMATCH("signature-mismatch");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Metric tag and error code of a rejection. */
        public String reason() {
            return reason;
        }
    }
}
