// SPDX-License-Identifier: Apache-2.0
/**
 * Drools plumbing behind {@link org.precisionformulary.engine.PrecisionFormulary}: compiling and
 * loading packs, running one isolated session per request, and assembling decisions from result facts.
 * Public only so the facade can reach it; not an API, and it may change without notice.
 */
package org.precisionformulary.engine.internal;
