/**
 * Every setting of a run, rendered from the family's schema: the common ones in view, the rest under
 * "Advanced settings", each with a line of help. All of it lives in the URL.
 */
import './training.css';
import { memo } from 'react';
import { fieldApplies, getPath, setPath, type FieldSpec, type SectionSchema } from '../../train/schema';
import type { ExperimentConfig } from '../../train/spec';
import { useLab } from '../hooks/useLab';
import { FieldInput } from './FieldInput';
import type { TrainingStore } from './store';
import { useTraining } from './useTraining';

interface Item {
  section: SectionSchema;
  field: FieldSpec;
}

function visible(sections: readonly SectionSchema[], cfg: ExperimentConfig): Item[] {
  const out: Item[] = [];
  for (const section of sections) {
    for (const field of section.fields) {
      if (!fieldApplies(field, cfg)) continue;
      // A field inside an optional block shows while the block is on.
      const dot = field.key.indexOf('.');
      if (dot > 0 && getPath(cfg, `${section.section}.${field.key.slice(0, dot)}`) === null) continue;
      out.push({ section, field });
    }
  }
  return out;
}

function Fields({
  items,
  store,
  cfg,
  disabled,
}: {
  items: Item[];
  store: TrainingStore;
  cfg: ExperimentConfig;
  disabled: boolean;
}) {
  const { lab } = useLab();
  const shared = store.spec.sharedPrep;
  return (
    <div className="controls schema-fields">
      {items.map(({ section, field }) => {
        const path = `${section.section}.${field.key}`;
        const onChange = (v: unknown) =>
          shared && section.section === 'prep'
            ? lab.setPrep(setPath({}, field.key, v))
            : store.setConfig(setPath(store.getSnapshot().settings.config, path, v));
        return (
          <div className="schema-field" key={path} title={field.help}>
            <FieldInput
              field={field}
              value={getPath(cfg, path)}
              kind={cfg.model.kind}
              onChange={onChange}
              testId={`${store.stage}-${path}`}
              disabled={disabled}
            />
            <small className="field-help">{field.help}</small>
          </div>
        );
      })}
    </div>
  );
}

export const SettingsForm = memo(function SettingsForm({ store }: { store: TrainingStore }) {
  const { state } = useLab();
  const settings = useTraining(store, (s) => s.settings);
  const busy = useTraining(store, (s) => s.live !== null);
  const { spec } = store;
  const untrained = spec.untrained.includes(settings.kind);
  const cfg: ExperimentConfig = spec.sharedPrep
    ? { ...settings.config, prep: { ...(settings.config.prep as object), ...state.prepConfig } }
    : settings.config;
  const sections = spec.sections.filter((s) => !untrained || s.section !== 'train');
  const items = visible(sections, cfg);
  const basic = items.filter((i) => !i.field.advanced);
  const advanced = items.filter((i) => i.field.advanced);
  return (
    <fieldset className="schema-form" disabled={busy} data-testid={`${store.stage}-settings`}>
      {basic.length > 0 ? (
        <Fields items={basic} store={store} cfg={cfg} disabled={busy} />
      ) : (
        <p className="muted">Nothing to set: {spec.about[settings.kind]}</p>
      )}
      {advanced.length > 0 && (
        <details className="advanced" data-testid={`${store.stage}-advanced`}>
          <summary>Advanced settings ({advanced.length})</summary>
          <Fields items={advanced} store={store} cfg={cfg} disabled={busy} />
        </details>
      )}
    </fieldset>
  );
});
