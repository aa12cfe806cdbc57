-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "section" TEXT,
    "value" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "address" TEXT,
    "url" TEXT,
    "hours" TEXT,
    "editedByStaff" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "KnowledgeText" (
    "key" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "value" TEXT,
    "questions" TEXT NOT NULL,

    CONSTRAINT "KnowledgeText_pkey" PRIMARY KEY ("key","lang")
);

-- AddForeignKey
ALTER TABLE "KnowledgeText" ADD CONSTRAINT "KnowledgeText_key_fkey" FOREIGN KEY ("key") REFERENCES "KnowledgeEntry"("key") ON DELETE CASCADE ON UPDATE CASCADE;
