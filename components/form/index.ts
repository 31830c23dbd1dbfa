// The form kit: one hook and the field components. See README.md beside this file.
export { useSchemaForm, type Conflict, type FormValues, type SchemaFormOptions } from "./use-schema-form";
export {
  ActorField,
  CheckboxField,
  ChoiceField,
  CheckboxListField,
  DateField,
  FieldRow,
  FileField,
  FilesField,
  SelectField,
  TextAreaField,
  TextField,
  TitleAndSlugFields,
  type ActorOption,
  type FieldBinding,
  type DatePrecision,
  type SelectOption,
} from "./fields";
export { FormActions, FormAlert, FormMessages } from "../form-feedback";
export { ScorePicker } from "../score-picker";
export { ConflictComparison, sameField, type ComparedField } from "./conflict-comparison";
