package org.jingzhun.rectification.inbox;

import java.util.Map;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.inbox.InboxRoutes;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.rectification.problem.ProblemController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Accepted CloudEvent types, named after the event they lead to. A logged problem's data is the HTTP
 * body as it is (it names {@code orgId} already); a rectification's is the HTTP body plus {@code orgId}
 * and {@code problemId}, and the problem must be that organization's.
 */
@Configuration(proxyBeanMethods = false)
class RectificationInbox {

    static final String PROBLEM_LOGGED = "jingzhun.rectification.ProblemLogged.v1";
    static final String PROBLEM_RECTIFIED = "jingzhun.rectification.ProblemRectified.v1";

    @Bean
    InboxRoutes rectificationInboxRoutes(ProblemController problems) {
        return new InboxRoutes(Topics.RECTIFICATION_INBOX, Map.of(
                PROBLEM_LOGGED, data -> {
                    var answer = problems.log(data.body(ProblemController.LogRequest.class));
                    return answer.getBody() == null ? null : answer.getBody().get("id");
                },
                PROBLEM_RECTIFIED, data -> {
                    String orgId = data.pathValue("orgId");
                    String problemId = data.pathValue("problemId");
                    ProblemController.RectifyRequest request = data.body(ProblemController.RectifyRequest.class);
                    // A publisher speaks for the organization it names: never for another's problem.
                    if (!orgId.equals(problems.organizationOf(problemId))) {
                        throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "inbox.problem-of-another-organization",
                                "problemId", "Problem " + problemId + " is not one of organization " + orgId);
                    }
                    problems.rectify(problemId, request);
                    return problemId;
                }));
    }
}
