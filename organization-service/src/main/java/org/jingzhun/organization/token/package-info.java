/**
 * Tokens, the standard way: Spring Authorization Server's {@code POST /oauth2/token}
 * ({@code client_credentials}, the account's username and password as HTTP Basic client
 * credentials) issues a signed JWT naming the username, role and organization; the keys are at
 * {@code GET /oauth2/jwks}. Accounts are the registered clients; the signing key is kept in the
 * service's database.
 */
package org.jingzhun.organization.token;
