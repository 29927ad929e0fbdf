"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { formatTime } from "@/components/ui/time";
import { useTRPC } from "@/components/trpc";
import { TextArea } from "./form-bits";

/** The site's own TLS certificate (PEM): upload one, replace it or remove it. */
export function CertificateCard({ siteId, hasCertificate, httpsPort }: { siteId: string; hasCertificate: boolean; httpsPort: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [certificate, setCertificate] = useState("");
  const [privateKey, setPrivateKey] = useState("");
  const [editing, setEditing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries(trpc.sites.pathFilter());
  const upload = useMutation(
    trpc.sites.setCertificate.mutationOptions({
      onSuccess: () => {
        setCertificate("");
        setPrivateKey("");
        setEditing(false);
        refresh();
      },
    }),
  );
  const remove = useMutation(trpc.sites.removeCertificate.mutationOptions({ onSuccess: refresh }));
  const info = upload.data;
  // zod's lines name the field ("certificate: Paste…"); anything else (a key that does not match…) goes on top.
  const lines = upload.error?.message.split("\n") ?? [];
  const about = (field: string) => lines.filter((l) => l.startsWith(`${field}: `)).map((l) => l.slice(field.length + 2));
  const general = lines.filter((l) => !l.startsWith("certificate: ") && !l.startsWith("privateKey: "));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate({ siteId, certificate, privateKey });
  };

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Certificate <Badge tone={hasCertificate ? "green" : "slate"}>{hasCertificate ? "uploaded" : "none"}</Badge>
        </span>
      }
      description={`HTTPS on port ${httpsPort} with your own certificate for the site's domains.`}
    >
      <div className="space-y-3">
        {info && (
          <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="certificate-info">
            Stored: {info.subject}, valid for {info.names.join(", ") || "no names"} until {formatTime(info.notAfter)}
            {info.chainLength ? ` (+${info.chainLength} CA certificate${info.chainLength > 1 ? "s" : ""})` : ""}.
          </p>
        )}
        <ErrorText>{remove.error?.message}</ErrorText>
        {!editing ? (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {hasCertificate ? "Replace certificate" : "Upload certificate"}
            </Button>
            {hasCertificate && (
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() => {
                  if (confirm("Remove this site's certificate? HTTPS for its domains stops until you upload another one.")) remove.mutate({ siteId });
                }}
              >
                Remove
              </Button>
            )}
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-3">
            {general.map((m, i) => (
              <ErrorText key={i}>{m}</ErrorText>
            ))}
            <TextArea
              label="Certificate (PEM: the site's certificate first, then its chain)"
              id="cert-pem"
              rows={5}
              placeholder="-----BEGIN CERTIFICATE-----"
              value={certificate}
              onChange={(e) => setCertificate(e.target.value)}
              errors={about("certificate")}
            />
            <TextArea
              label="Private key (PEM)"
              id="cert-key"
              rows={5}
              placeholder="-----BEGIN PRIVATE KEY-----"
              value={privateKey}
              onChange={(e) => setPrivateKey(e.target.value)}
              errors={about("privateKey")}
              hint="Checked against the certificate, then stored encrypted; it is never shown again."
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={upload.isPending}>
                {upload.isPending ? "Checking…" : "Save certificate"}
              </Button>
              <Button variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}
