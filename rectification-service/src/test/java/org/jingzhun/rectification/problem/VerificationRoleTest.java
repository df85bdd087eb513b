package org.jingzhun.rectification.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.rectification.RegistryChecks;
import org.jingzhun.rectification.specialrectification.SpecialRectifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The sign-off (销号) is a county administrator's: anyone else gets 403 and nothing is recorded. */
class VerificationRoleTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final ProblemQueries problems = mock(ProblemQueries.class);
    private final ProblemController controller = new ProblemController(commands, problems, mock(RegistryChecks.class),
            mock(SpecialRectifications.class), new JingzhunProperties("rectification-service", ZoneId.of("Asia/Shanghai")));

    @AfterEach
    void clearUser() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void refusesAVerificationByAUserWithoutTheCountyAdminRole() {
        signIn("clerk", "ROLE_BRANCH_SECRETARY");

        ResponseEntity<Object> answer = controller.verify("p1", new ProblemController.VerifyRequest("同意"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "problem.verify-forbidden");
        verifyNoInteractions(commands);
    }

    @Test
    void letsACountyAdminVerify() {
        signIn("admin", "ROLE_COUNTY_ADMIN");
        when(problems.find("p1")).thenReturn(Optional.of(mock(ProblemView.class)));

        ResponseEntity<Object> answer = controller.verify("p1", null);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        verify(commands).sendAndWait(any(VerifyRectification.class));
    }

    private static void signIn(String user, String authority) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, List.of(new SimpleGrantedAuthority(authority))));
    }
}
