package org.movetimeline.sentiance.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Sentiance's REST v3 event endpoints as they are called on the wire. Answers come back as raw {@link Response}s so
 * that {@link SentianceApiAdapter} alone decides what a status means.
 */
@RegisterRestClient(configKey = "sentiance-api")
@Path("/v3/users/{userId}/events/{eventId}")
@Produces(MediaType.APPLICATION_JSON)
public interface SentianceClient {

    @GET
    Response event(@HeaderParam("Authorization") String authorization, @PathParam("userId") String userId,
                   @PathParam("eventId") String eventId);

    @GET
    @Path("/trajectory")
    Response trajectory(@HeaderParam("Authorization") String authorization, @PathParam("userId") String userId,
                        @PathParam("eventId") String eventId);

    @GET
    @Path("/behavior_scores")
    Response behaviorScores(@HeaderParam("Authorization") String authorization, @PathParam("userId") String userId,
                            @PathParam("eventId") String eventId);

    @GET
    @Path("/behavior_annotations")
    Response behaviorAnnotations(@HeaderParam("Authorization") String authorization, @PathParam("userId") String userId,
                                 @PathParam("eventId") String eventId);
}
