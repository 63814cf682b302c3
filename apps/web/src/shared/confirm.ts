import { ElMessageBox } from 'element-plus';

/**
 * Asks before an action that cannot be taken back (Element Plus's confirm box, in Chinese): true when
 * the user confirms, false when they cancel or close it. `type` sets the box's icon (none when omitted).
 */
export async function confirmed(message: string, title: string, confirmText: string, type?: 'warning' | 'info'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: confirmText, cancelButtonText: '取消', ...(type ? { type } : {}) });
    return true;
  } catch {
    return false;
  }
}
