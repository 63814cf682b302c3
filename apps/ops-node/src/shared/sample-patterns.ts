/** What a sample's resource id and metric look like: shared by the sample push, performance queries and alert rules. */
export const METRIC_PATTERN = /^[a-z0-9_.]{2,64}$/;
export const RESOURCE_ID_PATTERN = /^[A-Za-z0-9_.:-]{2,64}$/;
