import { SecurityAccounts1796000000000 } from '@app/accounts';
import { CityV11795400000000 } from './1795400000000-CityV1';

export const CITY_MIGRATIONS = [CityV11795400000000, SecurityAccounts1796000000000];
