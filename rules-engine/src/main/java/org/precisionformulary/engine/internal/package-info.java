// SPDX-License-Identifier: Apache-2.0
/**
 * Drools plumbing behind {@link org.precisionformulary.engine.PrecisionFormulary}: compiling and
 * loading packs, running one isolated session per request, and assembling decisions from result facts.
 * Public only so the facade in {@code org.precisionformulary.engine} can reach it across packages: not an API,
 * left out of the published javadoc, used by no other module of the build (a test checks), and it may change
 * without notice. Tools reach what they need through {@link org.precisionformulary.engine.PackSources}.
 */
package org.precisionformulary.engine.internal;
