package org.movetimeline.admin;

/** The answer of an admin call, with the few words the access log keeps of it. */
interface AdminAnswer {

    String outcome();
}
