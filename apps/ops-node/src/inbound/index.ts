// The inbound feature's public surface.
export { InboundModule } from './inbound.module';
export { mountCityInboundSoap, OPS_INBOUND_SOAP_PATH } from './city-inbound.soap';
