package dev.streamfit.api;

/** The body of every non-2xx answer of the API. */
public record ApiError(String error) {
}
