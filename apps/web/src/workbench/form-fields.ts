import type { Schemas } from './api';

/** One field of an item's application form (the catalogue's `formFields`). */
export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'phone' | 'idNo' | 'creditCode';
  required: boolean;
  maxLength?: number;
  options?: string[];
  placeholder?: string;
}

/** The form of an item; an item without a declared form gets one free text field. */
export function formFieldsOf(item: Schemas['ItemDto']): FormField[] {
  const declared = (item as { formFields?: FormField[] }).formFields;
  return declared && declared.length > 0 ? declared : [{ key: '申请事由', label: '申请事由', type: 'textarea', required: false, maxLength: 500 }];
}
