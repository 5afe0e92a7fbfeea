/** One risk: what could cost the deal, how bad, what we do about it, who looks after it, where it stands. */
import { NativeSelect } from "@mantine/core";
import { check, riskInputSchema, type RiskKind, type RiskSeverity, type RiskStatus, type RiskView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { StatusSelect } from "../../ui/StatusSelect";
import { RISK_KIND_LABEL, RISK_SEVERITY_COLOR, RISK_SEVERITY_LABEL, RISK_STATUS_COLOR, RISK_STATUS_LABEL, optionsOf } from "../../words/lifecycle";
import { ItemActions } from "../../ui/ItemActions";
import lists from "../../ui/ItemList.module.css";
import classes from "./Risks.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export interface RiskRowProps {
  risk: RiskView;
  index: number;
  count: number;
  onRemove: () => void;
}

const errorOf = (field: "description" | "mitigation" | "owner", value: string) => {
  const r = check(riskInputSchema.shape[field], value);
  return r.ok ? null : r.message;
};

export function RiskRow({ risk: r, index, count, onRemove }: RiskRowProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  return (
    <li className={`${lists.row} ${classes.grid}`} data-item-id={r.id} data-status={r.status}>
      <div className={classes.what}>
        <LiveTextField
          label="Risk"
          value={r.description}
          multiline
          disabled={readOnly}
          dataControl="text"
          inputClassName={lists.textInput}
          validate={(t) => errorOf("description", t)}
          onChange={(description) => edit("editRisk", { id: r.id, description })}
        />
        <LiveTextField
          label="Mitigation"
          value={r.mitigation}
          placeholder="Mitigation: what we do about it"
          multiline
          disabled={readOnly}
          inputClassName={lists.textInput}
          className={classes.mitigation}
          validate={(t) => errorOf("mitigation", t)}
          onChange={(mitigation) => edit("editRisk", { id: r.id, mitigation })}
        />
      </div>
      <NativeSelect
        aria-label="Kind of risk"
        value={r.kind}
        data={optionsOf(RISK_KIND_LABEL)}
        disabled={readOnly}
        onChange={(e) => edit("editRisk", { id: r.id, kind: e.currentTarget.value as RiskKind })}
      />
      <StatusSelect<RiskSeverity>
        label="Severity"
        value={r.severity}
        labels={RISK_SEVERITY_LABEL}
        colors={RISK_SEVERITY_COLOR}
        disabled={readOnly}
        onChange={(severity) => edit("editRisk", { id: r.id, severity })}
      />
      <StatusSelect<RiskStatus>
        label="Risk status"
        value={r.status}
        labels={RISK_STATUS_LABEL}
        colors={RISK_STATUS_COLOR}
        disabled={readOnly}
        onChange={(status) => edit("editRisk", { id: r.id, status })}
      />
      <LiveTextField
        label="Risk owner"
        value={r.owner}
        placeholder="Owner"
        disabled={readOnly}
        validate={(t) => errorOf("owner", t)}
        onChange={(owner) => edit("editRisk", { id: r.id, owner })}
      />
      <ItemActions
        itemId={r.id}
        index={index}
        count={count}
        removeLabel="Remove risk"
        disabled={readOnly}
        onMove={(toIndex) => edit("moveRisk", { id: r.id, toIndex })}
        onRemove={onRemove}
      />
    </li>
  );
}
