// The notifications feature's public surface: nothing but its module (no other feature calls into it).
export { NotificationsModule } from './notifications.module';
