package org.movetimeline.ingest.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operator actions. Not routed by the receiver's Ingress: reach it with kubectl port-forward. */
@Path("/admin")
public class AdminResource {

    @Inject
    DlqReplayer replayer;

    @POST
    @Path("/dlq/replay")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public DlqReplayer.Outcome replayDlq() {
        return replayer.replay();
    }
}
