package io.switchboard.campaign.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;

/**
 * The edge: campaign-service's domain exceptions as problem JSON on the modern API. The legacy methods catch the same
 * exceptions themselves and answer their contract's refusal instead.
 */
public class DomainExceptionMappers {

    @ServerExceptionMapper
    public Response unknownServiceQueue(UnknownServiceQueueException e, UriInfo uri) {
        return ProblemExceptionMappers
                .respond(new ProblemException(404, "unknown-service-queue", "Not Found", e.getMessage())
                        .toProblem(uri.getPath()));
    }
}
