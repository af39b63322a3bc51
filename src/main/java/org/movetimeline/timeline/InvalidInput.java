package org.movetimeline.timeline;

/**
 * Why one element of a webhook body (a MOVE notification, a Sentiance message) cannot be published; {@code key} is its
 * record key when it could be read, else null. The element goes to its source's DLQ with the message as the reason.
 */
public class InvalidInput extends RuntimeException {

    private final String key;

    public InvalidInput(String message, String key) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
