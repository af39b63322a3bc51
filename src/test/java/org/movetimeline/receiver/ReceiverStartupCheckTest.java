package org.movetimeline.receiver;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.receiver.ReceiverStartupCheck.requireSecret;

class ReceiverStartupCheckTest {

    @Test
    void receiverWithoutSecretRefusesToStartNamingTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> requireSecret(true, Optional.empty()));
        assertTrue(e.getMessage().startsWith("MOVE_WEBHOOK_SECRETS is not set"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> requireSecret(true, Optional.of(List.of(" ", ""))));
    }

    @Test
    void consumerOnlyRoleNeedsNoSecretAndAConfiguredSecretPasses() {
        assertDoesNotThrow(() -> requireSecret(false, Optional.empty()));
        assertDoesNotThrow(() -> requireSecret(true, Optional.of(List.of("s3cret"))));
    }
}
