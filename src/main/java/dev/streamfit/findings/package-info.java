/**
 * One registry of findings with one lifecycle (pending, firing, resolved): every stage reports what
 * it observed in one evaluation, the registry keeps the state. {@link dev.streamfit.findings.Rule} is
 * the catalogue of every rule id — severity, meaning, and the method that implements it.
 * Reads: observations from the health and advisor stages. Produces: findings for the API, metrics and alerting.
 */
package dev.streamfit.findings;
