package org.jingzhun.organization.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.jingzhun.organization.organization.JdbcOrganizationSubtree;
import org.jingzhun.platform.axon.Actor;
import org.jingzhun.platform.security.AdminProperties;
import org.jingzhun.platform.security.Role;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, for county administrators only (see the service's access rules). */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    record CreateRequest(@NotBlank @Pattern(regexp = USERNAME_PATTERN,
                                 message = "1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
                         String username,
                         @NotNull @Size(min = 10, max = 200) String password,
                         @NotNull Role role,
                         @Size(max = 100) String orgId) {
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final JdbcOrganizationSubtree organizations;
    private final AdminProperties admin;

    AccountController(Accounts accounts, PasswordEncoder passwords, JdbcOrganizationSubtree organizations,
                      AdminProperties admin) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.organizations = organizations;
        this.admin = admin;
    }

    @PostMapping
    ResponseEntity<Account> create(@Valid @RequestBody CreateRequest request) {
        String orgId = request.orgId() == null || request.orgId().isBlank() ? null : request.orgId().strip();
        if (request.role().needsOrganization() && orgId == null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "account.organization-required", "orgId",
                    "A " + request.role() + " account needs the organization it works for");
        }
        if (!request.role().mayNameOrganization() && orgId != null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "account.organization-not-allowed", "orgId",
                    "A " + request.role() + " account works county-wide and names no organization");
        }
        if (orgId != null && !organizations.exists(orgId)) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.not-found", "orgId",
                    "No organization " + orgId);
        }
        if (request.username().equalsIgnoreCase(admin.username())
                || !accounts.create(request.username(), passwords.encode(request.password()), request.role(), orgId,
                Actor.current())) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "account.taken", "username",
                    "The username " + request.username() + " is taken");
        }
        return ResponseEntity.created(URI.create("/api/accounts/" + request.username()))
                .body(accounts.find(request.username()).orElseThrow());
    }

    @GetMapping
    List<Account> list() {
        return accounts.list();
    }

    @GetMapping("/{username}")
    Account get(@PathVariable String username) {
        return accounts.find(username).orElseThrow(() -> notFound(username));
    }

    /** Disables: the account gets no new token; tokens already issued expire by themselves. */
    @DeleteMapping("/{username}")
    Account disable(@PathVariable String username) {
        if (!accounts.disable(username)) {
            throw notFound(username);
        }
        return get(username);
    }

    private static RuleViolation notFound(String username) {
        return new RuleViolation(RuleViolation.Kind.NOT_FOUND, "account.not-found", "username",
                "No account " + username);
    }
}
