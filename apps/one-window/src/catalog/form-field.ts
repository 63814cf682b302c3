/** The types of an item's application-form fields (how the workbench renders and the platform checks them). */
export const FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'phone', 'idNo', 'creditCode'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * One field of an item's application form (申请表). The stored form data is `{ [key]: value }`:
 * a string for every type but `number` (a JSON number); `date` is YYYY-MM-DD.
 */
export interface FormField {
  /** the key of the value in formData */
  key: string;
  /** 字段名称 */
  label: string;
  type: FormFieldType;
  required: boolean;
  /** text / textarea: at most this many characters */
  maxLength?: number;
  /** select: the allowed values */
  options?: string[];
  /** number: bounds (inclusive) */
  min?: number;
  max?: number;
  placeholder?: string;
}
