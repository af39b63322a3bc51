package org.movetimeline.moveapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * MOVE's backend endpoints as they are called on the wire. Answers come back as raw {@link Response}s
 * so that {@link MoveApiAdapter} alone decides what a status means.
 */
@RegisterRestClient(configKey = "move-api")
@Path("/v20/timeline")
public interface MoveTimelineClient {

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response batch(@HeaderParam("Authorization") String authorization, byte[] keysJson);

    @GET
    @Path("/{startTs}/points")
    @Produces(MediaType.APPLICATION_JSON)
    Response points(@HeaderParam("Authorization") String authorization, @PathParam("startTs") long startTsEpochSeconds,
                    @QueryParam("projectId") int projectId, @QueryParam("userId") String userId);
}
