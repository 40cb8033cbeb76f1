/**
 * One registry of findings with one lifecycle (pending, firing, resolved): every stage reports what
 * it observed in one evaluation, the registry keeps the state. {@link dev.streamfit.findings.Rule} is
 * the catalogue of every rule id — severity, meaning, and the method that implements it.
 * A finding about a workload the poll could not see ({@link dev.streamfit.findings.StaleSubjects})
 * keeps its state: unknown never resolves it.
 * Receives: observations the health and advisor stages report. Produces: findings for the API and the
 * metrics, and per target what began or stopped firing ({@link dev.streamfit.findings.FindingChange}) for alerting.
 */
package dev.streamfit.findings;
