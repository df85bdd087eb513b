package org.jingzhun.platform.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A verified bearer token and the {@link Caller} its claims name. */
public class CallerToken extends JwtAuthenticationToken {

    private final Caller caller;

    public CallerToken(Jwt jwt, Caller caller) {
        super(jwt, List.of(new SimpleGrantedAuthority(caller.role().authority())), caller.username());
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    /** The account's username, so that {@code jingzhun_actor} names the account. */
    @Override
    public String getName() {
        return caller.username();
    }
}
