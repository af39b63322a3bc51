package org.movetimeline.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The Timeline Notifier's webhook body: {@code {"items":[{projectId,userId,startTime,endTime,type}...]}}. */
public record Notification(List<Item> items) {

    @JsonPropertyOrder({"projectId", "userId", "startTime", "endTime", "type"})
    public record Item(int projectId, String userId, String startTime, String endTime, String type) {
    }
}
