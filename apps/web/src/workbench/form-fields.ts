import type { Schemas } from './api';

/** One field of an item's application form (the catalogue's `formFields`). */
export type FormField = Schemas['FormFieldDto'];

/** The form of an item, as the catalogue declares it (the server checks formData against the same list). */
export function formFieldsOf(item: Schemas['ItemDto']): FormField[] {
  return item.formFields;
}
