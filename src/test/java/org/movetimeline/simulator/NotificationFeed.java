package org.movetimeline.simulator;

import java.util.List;

/**
 * The order in which the notifier reports items: item k of every user of every project in turn,
 * then item k+1, so all users' timelines advance together like a real fleet's. Not thread-safe:
 * owned by the notifier's producer thread.
 */
public final class NotificationFeed {

    private final TimelineGenerator generator;
    private final List<Integer> projects;
    private final int usersPerProject;
    private long k;
    private int projectIndex;
    private int userNumber = 1;

    public NotificationFeed(TimelineGenerator generator, List<Integer> projects) {
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("no projects to notify about");
        }
        this.generator = generator;
        this.projects = List.copyOf(projects);
        this.usersPerProject = generator.usersPerProject();
    }

    public Notification.Item next() {
        Notification.Item item = generator.notification(projects.get(projectIndex), UserIds.of(userNumber), k);
        if (++userNumber > usersPerProject) {
            userNumber = 1;
            if (++projectIndex == projects.size()) {
                projectIndex = 0;
                k++;
            }
        }
        return item;
    }
}
