export * from './messages/categories';
export * from './messages/item-schemas';
export * from './messages/report-message';
export * from './secure/secure-message';
export * from './secure/seal';
export * from './transport/secure-message.transport';
export * from './keys/dev-keys';
export * from './downlink/downlink-front-db';
