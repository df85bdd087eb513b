package org.jingzhun.organization.inbox;

import java.util.Map;
import org.jingzhun.contracts.Topics;
import org.jingzhun.organization.member.MemberController;
import org.jingzhun.platform.inbox.InboxRoute;
import org.jingzhun.platform.inbox.InboxRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Accepted CloudEvent types, named after the event they lead to: a member enrolled elsewhere (the data
 * is the HTTP enrolment body plus {@code orgId}).
 */
@Configuration(proxyBeanMethods = false)
class OrganizationInbox {

    static final String MEMBER_ENROLLED = "jingzhun.organization.MemberEnrolled.v1";

    @Bean
    InboxRoutes organizationInboxRoutes(MemberController members) {
        return new InboxRoutes(Topics.ORGANIZATION_INBOX, Map.of(
                // An enrolment reads the branch's row of the tree, which no enrolment writes: neighbours share.
                MEMBER_ENROLLED, InboxRoute.sharingUnitOfWork(data -> {
                    String orgId = data.pathValue("orgId");
                    var answer = members.enrol(orgId, data.body(MemberController.EnrolRequest.class));
                    return answer.getBody() == null ? null : answer.getBody().get("id");
                })));
    }
}
