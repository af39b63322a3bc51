/**
 * Every setting, as {@code @ConfigMapping} interfaces: {@link MoveConfig} ({@code move.*}) and the role
 * switches {@link AppConfig} ({@code app.*}). Reads application.properties and the environment variables
 * docs/DESIGN.md names; writes nothing. Failures: a missing or invalid setting stops start-up.
 */
package org.movetimeline.config;
