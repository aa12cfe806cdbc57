-- CreateTable
CREATE TABLE "UnansweredQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lang" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "entryKey" TEXT
);

-- CreateIndex
CREATE INDEX "UnansweredQuestion_at_idx" ON "UnansweredQuestion"("at");
