package org.movetimeline.simulator;

import java.util.Locale;
import java.util.OptionalInt;

/** The simulated users of a project are {@code u0001..u<usersPerProject>}; anything else does not exist. */
final class UserIds {

    private UserIds() {
    }

    /** 1-based. */
    static String of(int number) {
        return String.format(Locale.ROOT, "u%04d", number);
    }

    /** The user's number if {@code userId} is one of the simulated users, else empty. */
    static OptionalInt number(String userId, int usersPerProject) {
        if (userId == null || userId.length() < 5 || userId.charAt(0) != 'u') {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(userId.substring(1));
            // Round trip rejects spellings like "u1" or "u+001" that would alias a real user.
            return n >= 1 && n <= usersPerProject && of(n).equals(userId) ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
