-- CreateIndex
CREATE INDEX "Source_publishedOn_id_idx" ON "Source"("publishedOn", "id");

-- CreateIndex
CREATE INDEX "Source_title_id_idx" ON "Source"("title", "id");

-- CreateIndex
CREATE INDEX "Source_createdAt_id_idx" ON "Source"("createdAt", "id");

-- CreateIndex
CREATE INDEX "StanceCoding_saidOn_id_idx" ON "StanceCoding"("saidOn", "id");

-- CreateIndex
CREATE INDEX "StanceCoding_score_id_idx" ON "StanceCoding"("score", "id");

-- CreateIndex
CREATE INDEX "StanceCoding_createdAt_id_idx" ON "StanceCoding"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_at_id_idx" ON "AuditEntry"("at", "id");
