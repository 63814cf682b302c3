import { SecurityAccounts1796000000000 } from '@app/accounts';
import { CityV11795400000000 } from './1795400000000-CityV1';
import { CityRefusalVerified1795700000000 } from './1795700000000-CityRefusalVerified';

export const CITY_MIGRATIONS = [CityV11795400000000, CityRefusalVerified1795700000000, SecurityAccounts1796000000000];
