-- CreateIndex
CREATE INDEX "Actor_name_id_idx" ON "Actor"("name", "id");

-- CreateIndex
CREATE INDEX "Actor_createdAt_id_idx" ON "Actor"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Statement_saidOn_id_idx" ON "Statement"("saidOn", "id");

-- CreateIndex
CREATE INDEX "Statement_createdAt_id_idx" ON "Statement"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Event_occurredOn_id_idx" ON "Event"("occurredOn", "id");

-- CreateIndex
CREATE INDEX "Event_title_id_idx" ON "Event"("title", "id");
