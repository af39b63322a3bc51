/**
 * Tests only: the Kubernetes manifests under k8s/ and the shipped dashboard and alerts, against the code. Reads the
 * manifests as {@code kubectl kustomize} renders them ({@link org.movetimeline.deploy.Manifests}; as written where
 * kubectl is missing) and the settings the service reads; writes nothing. A manifest that sets a setting nobody reads,
 * probes a path the service does not serve or names a topic the settings do not is a failing test.
 */
package org.movetimeline.deploy;
