export * from './stages';
export * from './topology/topology.types';
export * from './topology/default-topology';
export * from './topology/topology.loader';
export * from './messages/notification.messages';
export * from './wsdl-files';
