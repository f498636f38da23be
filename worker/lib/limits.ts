// Length limits shared by every route, so an id one route accepts is one every other route can name.

/** Visitor, session and event ids: /v1/events, beacons, /v1/stage and erasure alike. */
export const MAX_ID = 128;
